/* bv-date-input.h
 *
 * Dates and times as a German user types them into the meeting editor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define BV_DATE_INPUT_ERROR (bv_date_input_error_quark ())

typedef enum {
  BV_DATE_INPUT_ERROR_EMPTY,    /* nothing but blanks */
  BV_DATE_INPUT_ERROR_INVALID,  /* something that is no date or time */
} BvDateInputError;

GQuark   bv_date_input_error_quark (void);

/* "5.1.2027", "05.01.27" (20xx), "05.01.2027" and "2027-01-05"; blanks
 * around are ignored. The error says in German how to write it. */
gboolean bv_date_input_parse_date  (const char  *text,
                                    GDate       *date,
                                    GError     **error);
/* "19:30", "19.30", "1930", "930" and "19". */
gboolean bv_date_input_parse_time  (const char  *text,
                                    guint       *hour,
                                    guint       *minute,
                                    GError     **error);

/* "05.01.2027" and "19:30": how the editor shows them. */
char    *bv_date_input_format_date (const GDate *date);
char    *bv_date_input_format_time (guint        hour,
                                    guint        minute);

/* The tidy form of what the user typed, or NULL if it cannot be read. */
char    *bv_date_input_tidy_date   (const char  *text);
char    *bv_date_input_tidy_time   (const char  *text);

/* A meeting's wall-clock start "YYYY-MM-DDTHH:MM:SS" and back (seconds
 * are always 0 when joined). */
gboolean bv_date_input_split_local (const char  *start_local,
                                    GDate       *date,
                                    guint       *hour,
                                    guint       *minute);
char    *bv_date_input_join_local  (const GDate *date,
                                    guint        hour,
                                    guint        minute);

G_END_DECLS
