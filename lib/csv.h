/* CSV exports: fields as RFC 4180 writes them, safe to open in a spreadsheet. */
#ifndef PD_CSV_H
#define PD_CSV_H

#include "util.h"

void	 csv_field(struct buf *, const char *);

#endif
