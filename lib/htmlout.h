/*
 * The HTML serialisation of a transform's result, as libxml2's HTML
 * serialiser writes it (xsl:output method="html" indent="no"), faster.
 */
#ifndef PD_HTMLOUT_H
#define PD_HTMLOUT_H

#include <libxml/tree.h>

#include "util.h"

/* The libxml2 (xmlParserVersion) whose HTML serialiser it copies. */
#define HTMLOUT_LIBXML	"20914"

/* Appends doc's HTML to b; 0 (b unchanged) for a tree it does not take. */
int	 htmlout_doc(xmlDocPtr, struct buf *);

#endif
