/* bv-agenda-result.h
 *
 * The result of one agenda item of a general assembly (issue 17): a vote
 * (how it was taken, yes/no/abstentions/invalid) or an election (the
 * office, the persons elected with their votes, whether they accepted),
 * and how many entitled voters were present when it was entered, which
 * the counts are checked against. Stored by bv-database-results.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  BV_AGENDA_RESULT_VOTE,
  BV_AGENDA_RESULT_ELECTION,
} BvAgendaResultKind;

typedef struct
{
  char  *name;
  guint  votes;
} BvElected;

typedef struct
{
  char               *item_id;
  BvAgendaResultKind  kind;
  /* A vote */
  char               *vote_kind;    /* "offen", "geheim", … as the recorder wrote it */
  guint               yes;
  guint               no;
  guint               abstentions;
  guint               invalid;
  /* An election */
  char               *office;
  GPtrArray          *elected;      /* (element-type BvElected) */
  gboolean            accepted;     /* "Wahl angenommen" */
  /* Entitled voters present when the result was entered; 0: not known */
  guint               present;
  gint64              recorded_at;
} BvAgendaResult;

#define BV_TYPE_AGENDA_RESULT (bv_agenda_result_get_type ())
GType           bv_agenda_result_get_type   (void) G_GNUC_CONST;

BvAgendaResult *bv_agenda_result_new        (const char           *item_id,
                                             BvAgendaResultKind    kind);
BvAgendaResult *bv_agenda_result_copy       (const BvAgendaResult *result);
void            bv_agenda_result_free       (BvAgendaResult       *result);
void            bv_agenda_result_add_elected (BvAgendaResult      *result,
                                              const char          *name,
                                              guint                votes);

/* Whether @result can be stored: FALSE with a German reason in @error for
 * an election without office or persons, or a person without a name. */
gboolean        bv_agenda_result_validate   (const BvAgendaResult *result,
                                             GError              **error);

/* A German warning when the counts cannot be right for the entitled
 * voters present (more votes than voters); NULL when they can, or when
 * nobody's presence is known. It does not stop storing: the recorder may
 * know better (a voter in the hall, not in the room). */
char           *bv_agenda_result_check_present (const BvAgendaResult *result);

/* The result in one German sentence for the minutes, e.g. "Abstimmung
 * (offen): 20 ja, 3 nein, 1 Enthaltung, 0 ungültig – angenommen." */
char           *bv_agenda_result_describe   (const BvAgendaResult *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BvAgendaResult, bv_agenda_result_free)

G_END_DECLS
