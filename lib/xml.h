/*
 * The model builder.  User text enters the document only through these
 * functions, which store it as text (escaped when serialised) and drop
 * characters XML 1.0 cannot carry.
 */
#ifndef PD_XML_H
#define PD_XML_H

#include <stdint.h>
#include <time.h>
#include <libxml/tree.h>

xmlNodePtr	 xml_el(xmlNodePtr parent, const char *name);
xmlNodePtr	 xml_text(xmlNodePtr parent, const char *name, const char *text);
void		 xml_attr(xmlNodePtr, const char *name, const char *value);
void		 xml_attr_int(xmlNodePtr, const char *name, int64_t value);
void		 xml_attr_time(xmlNodePtr, const char *name, time_t);
void		 xml_attr_local(xmlNodePtr, const char *name, time_t);
xmlNodePtr	 xml_time(xmlNodePtr parent, const char *name, time_t);
xmlNodePtr	 xml_id_el(xmlNodePtr parent, const char *name, int64_t id);
/* <pager page pages total base-url>: base_url ends in '?' or '&'. */
xmlNodePtr	 xml_pager(xmlNodePtr parent, int64_t page, int64_t page_size,
		    int64_t total, const char *base_url);

#endif
