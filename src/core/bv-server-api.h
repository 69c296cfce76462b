/* bv-server-api.h
 *
 * The BigBlueButton types core hands out (rooms, people, recordings, the
 * client and its errors), for core's headers to include. This is the one
 * way the UI sees src/bbb: a UI file that includes a bv-bbb-*.h header
 * itself does not compile, since the UI is built with BV_LAYER_UI and
 * only this header lets the bbb headers in (HACKING.md, "Layers").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#define BV_SERVER_API_INSIDE
#include "../bbb/bv-bbb-attendee.h"
#include "../bbb/bv-bbb-client.h"
#include "../bbb/bv-bbb-error.h"
#include "../bbb/bv-bbb-meeting.h"
#include "../bbb/bv-bbb-query.h"
#include "../bbb/bv-bbb-recording-format.h"
#include "../bbb/bv-bbb-recording.h"
#include "../bbb/bv-bbb-version.h"
#include "../bbb/bv-server-url.h"
#undef BV_SERVER_API_INSIDE
