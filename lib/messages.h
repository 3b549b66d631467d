/*
 * The message catalogues (xslt/messages/NAME.xml), parsed once per
 * process into one hash table, so that a transform looks a text up by
 * key instead of parsing and scanning the catalogues (xslt/messages.xsl's
 * "t" template calls messages_text through render.c's pd:text).
 */
#ifndef PD_MESSAGES_H
#define PD_MESSAGES_H

/* The languages every message has, English first (the fallback). */
#define LANG__MAX	3
extern const char *const messages_langs[LANG__MAX];

int		 messages_load(const char *dir);
const char	*messages_text(const char *catalogue, const char *lang,
		    const char *key);
void		 messages_free(void);

#endif
