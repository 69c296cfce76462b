/* bv-quorum.h
 *
 * Whether a general assembly has a quorum (Beschlussfähigkeit) by the
 * club's statutes (issue 17): who is entitled to vote (all members, or the
 * members of one group) and how many of them must be present (any number,
 * a fixed number, or a fraction such as one tenth).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bv-attendance-summary.h"

G_BEGIN_DECLS

typedef enum {
  BV_QUORUM_ANY,       /* every properly called assembly has a quorum */
  BV_QUORUM_NUMBER,    /* at least @number present */
  BV_QUORUM_FRACTION,  /* at least @numerator/@denominator of those entitled */
} BvQuorumKind;

typedef struct
{
  BvQuorumKind  kind;
  guint         number;
  guint         numerator;
  guint         denominator;
  const char   *group_id;  /* the electorate; NULL: all members */
} BvQuorumRule;

/* How many must be present out of @entitled: a fraction is rounded up
 * ("one tenth of 112" is 11.2, so 12 must come; of 110 exactly 11). A
 * fraction without a denominator counts as any. */
guint     bv_quorum_required  (const BvQuorumRule *rule,
                               guint               entitled);

typedef struct
{
  guint    entitled;  /* members of the electorate */
  guint    present;   /* of them, in the room now */
  guint    required;
  gboolean met;
} BvQuorumState;

/* The state at the moment @people (bv_attendance_summarize ()) describes:
 * only members of the electorate who are in the room count; guests and
 * people without an invitation never do. */
void      bv_quorum_evaluate  (BvDatabase         *database,
                               const BvQuorumRule *rule,
                               GPtrArray          *people,
                               BvQuorumState      *state);

/* The rule Preferences holds (the quorum-* keys; missing keys: any, all
 * members). @group_id receives the group's id or NULL; the rule points
 * into it. */
void      bv_quorum_rule_read (GSettings          *settings,
                               BvQuorumRule       *rule,
                               char              **group_id);

/* "Quorate: 23 of 112 entitled voters present (required: 12)", or "Not
 * quorate: …" below the required number (German: "Beschlussfähig: 23 von
 * 112 Stimmberechtigten anwesend (erforderlich: 12)"). Without a
 * required number: "Quorate (every properly called assembly): …". */
char     *bv_quorum_describe  (const BvQuorumState *state);

G_END_DECLS
