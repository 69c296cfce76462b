/* bv-email-text.h
 *
 * What is wrong with a typed e-mail address, in a sentence: a red field
 * alone does not say it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* NULL when @email is empty or bv_member_email_is_valid() takes it;
 * otherwise one translated sentence that names the fault and how the
 * address should look. Leading and trailing blanks are ignored. */
char *bv_email_text_problem (const char *email);

G_END_DECLS
