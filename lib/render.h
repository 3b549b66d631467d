/*
 * Stylesheets, compiled once per process before the first request, and
 * the transform of a model into HTML (or its serialisation as XML).
 */
#ifndef PD_RENDER_H
#define PD_RENDER_H

#include <libxml/tree.h>

#include "util.h"

int	 render_init(const char *xslt_dir, const char *const *views, size_t n);
void	 render_cleanup(void);
int	 render_html(xmlDocPtr, const char *view, struct buf *out);
void	 render_xml(xmlDocPtr, struct buf *out);

#endif
