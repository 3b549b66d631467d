/*
 * The message catalogues (xslt/messages/NAME.xml), parsed once per
 * process into one hash table, so that a transform looks a text up by
 * key instead of parsing and scanning the catalogues (xslt/messages.xsl's
 * "t" template calls messages_text through render.c's pd:text).
 */
#ifndef PD_MESSAGES_H
#define PD_MESSAGES_H

int		 messages_load(const char *dir);
const char	*messages_text(const char *catalogue, const char *lang,
		    const char *key);
void		 messages_free(void);

#endif
