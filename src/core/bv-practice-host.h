/* bv-practice-host.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "bv-context.h"

G_BEGIN_DECLS

#define BV_TYPE_PRACTICE_HOST (bv_practice_host_get_type ())
G_DECLARE_FINAL_TYPE (BvPracticeHost, bv_practice_host, BV, PRACTICE_HOST, GObject)

/* Runs the practice server inside the app and keeps it registered as an
 * ordinary conference server ("Übungsserver") whose per-install random
 * secret lives in the keyring like any other. settings holds its id in
 * the key "practice-server". */
BvPracticeHost *bv_practice_host_new            (BvContext           *manager,
                                                 GSettings           *settings);
/* The stored practice server, if one was set up (a new reference). */
BvServer       *bv_practice_host_get_server     (BvPracticeHost      *self);
gboolean        bv_practice_host_is_running     (BvPracticeHost      *self);
/* Sets the practice server up, or starts it again after a restart of the
 * app (then on a new port if the old one is taken). */
void            bv_practice_host_ensure_async   (BvPracticeHost      *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
BvServer       *bv_practice_host_ensure_finish  (BvPracticeHost      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Training (issue 17): on the practice server only, an invited person
 * "joins" a running room with their personal link (a real request to the
 * practice server, as their browser would make it) and leaves again, so
 * that attendance and quorum can be shown without real people. */
gboolean        bv_practice_host_is_practice_meeting (BvPracticeHost   *self,
                                                      BvMeeting        *meeting);
void            bv_practice_host_let_in_async   (BvPracticeHost      *self,
                                                 BvMeeting           *meeting,
                                                 BvParticipant       *participant,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        bv_practice_host_let_in_finish  (BvPracticeHost      *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);
gboolean        bv_practice_host_let_out        (BvPracticeHost      *self,
                                                 BvMeeting           *meeting,
                                                 BvParticipant       *participant,
                                                 GError             **error);

G_END_DECLS
