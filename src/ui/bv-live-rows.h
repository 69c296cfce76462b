/* bv-live-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "bv-live-monitor.h"

G_BEGIN_DECLS

/* The meeting's name, else its meetingID. */
const char         *bv_live_meeting_name             (BvBbbMeeting       *meeting);
/* "since 19:02 · 7 participants · 2 moderators · …" */
char               *bv_live_describe_meeting         (BvBbbMeeting       *meeting);

/* The rows of running meetings in @box (the page's, not owned). */
typedef struct _BvLiveMeetingRows BvLiveMeetingRows;

BvLiveMeetingRows  *bv_live_meeting_rows_new         (GtkListBox         *box);
void                bv_live_meeting_rows_free        (BvLiveMeetingRows  *self);
void                bv_live_meeting_rows_update      (BvLiveMeetingRows  *self,
                                                      GListModel         *meetings);
GtkListBoxRow      *bv_live_meeting_rows_find        (BvLiveMeetingRows  *self,
                                                      const char         *meeting_id);
/* The meeting shown in @list_row (unowned), or NULL. */
BvBbbMeeting       *bv_live_meeting_rows_get_meeting (BvLiveMeetingRows  *self,
                                                      GtkListBoxRow      *list_row);

/* The rows of the people in the selected meeting. */
typedef struct _BvLiveAttendeeRows BvLiveAttendeeRows;

BvLiveAttendeeRows *bv_live_attendee_rows_new        (GtkListBox         *box);
void                bv_live_attendee_rows_free       (BvLiveAttendeeRows *self);
void                bv_live_attendee_rows_update     (BvLiveAttendeeRows *self,
                                                      GListModel         *attendees);

G_END_DECLS
