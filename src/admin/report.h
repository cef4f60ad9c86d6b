/* The committee report (sozialraum-admin report committee): the figures
 * the server's "committee" export computes, one row per figure and area
 * with the year's value beside the previous year's, and what prints them
 * as paged text (report.c) or as a PDF with charts (report_pdf.c). */
#ifndef ADMIN_REPORT_H
#define ADMIN_REPORT_H

#include <stddef.h>

#include "model/report.h"

/* Writes R as a PDF (A4, cairo and pango) to PATH: per area the figures
 * beside the previous year's, and charts: the budget by district and line
 * (planned beside spent), the Eckwert by district, and the last years side
 * by side. Returns 0, or -1 with MSG saying why. */
int report_pdf(const struct report *r, const char *path, char *msg, size_t size);

#endif
