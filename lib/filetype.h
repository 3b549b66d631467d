/*
 * Which files may be attached (docs/product.md: logs and text, saved
 * web pages, images, PDF, Office documents, archives, .eml): one table
 * of name endings, each with the content it must start with and the
 * type a download is sent as.  A file passes by its name and by its
 * content; the served type never lets a browser render HTML or script.
 */
#ifndef PD_FILETYPE_H
#define PD_FILETYPE_H

#include <stddef.h>

#define FILETYPE_HEAD	512	/* bytes of a file's start it looks at */

/* The detected type (stored and shown), or NULL when refused. */
const char	*filetype_detect(const char *name, const unsigned char *head,
		    size_t n);
/* The Content-Type a file of a detected type is downloaded as. */
const char	*filetype_served(const char *type);

#endif
