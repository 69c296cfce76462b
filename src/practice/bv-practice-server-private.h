/* bv-practice-server-private.h
 *
 * What only tests and benchmarks use: the clock, attendees leaving, the
 * request log, a simulated latency. The app itself never includes this.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Never for src/ui (HACKING.md, "Layers"). */
#ifdef BV_LAYER_UI
#error "src/ui must not include src/practice headers: use what core offers"
#endif

#ifndef BV_PRACTICE_SERVER_PRIVATE_H
#define BV_PRACTICE_SERVER_PRIVATE_H

#include "bv-practice-server.h"

G_BEGIN_DECLS

/* Milliseconds since the epoch, like BigBlueButton's createTime. */
typedef gint64 (*BvPracticeClockFunc) (gpointer data);

/* One API request as the server saw it. The log keeps the newest
 * BV_PRACTICE_LOG_SIZE requests only, with each query cut at
 * BV_PRACTICE_LOG_QUERY_MAX bytes, so that unsigned requests cannot grow the
 * app: whoever can reach the port can write into this log. */
typedef struct
{
  char     *call;            /* "create", "" for the API root, or the unknown name asked for */
  char     *raw_query;       /* byte for byte as it came over the wire, "" for none */
  gboolean  checksum_valid;  /* FALSE also for the root and unknown calls, which need none */
} BvPracticeRequest;

#define BV_PRACTICE_LOG_SIZE      256
#define BV_PRACTICE_LOG_QUERY_MAX (16 * 1024)

typedef void (*BvPracticeRequestFunc) (const BvPracticeRequest *request,
                                       gpointer                 data);

/* For tests. The clock decides createTime and when rooms expire; expiry is
 * evaluated on every request, so moving the clock forward and then asking
 * the server shows the effect. NULL restores the real clock. Sample
 * recordings get their times from the clock at start. */
void              bv_practice_server_set_clock   (BvPracticeServer  *self,
                                                  BvPracticeClockFunc now_ms,
                                                  gpointer           data);
/* bv_practice_server_leave () is public now (bv-practice-server.h): the
 * trainer's simulated attendees leave through it. */
/* For tests: the API requests (everything under /bigbluebutton/api) since
 * start or the last reset. The count is exact; the arrays hold the newest
 * BV_PRACTICE_LOG_SIZE, oldest first, and belong to the server. */
guint             bv_practice_server_get_request_count (BvPracticeServer *self);
GPtrArray        *bv_practice_server_get_raw_queries   (BvPracticeServer *self);
/* of BvPracticeRequest */
GPtrArray        *bv_practice_server_get_requests      (BvPracticeServer *self);
/* How many logged requests called @call with a valid checksum. */
guint             bv_practice_server_count_calls       (BvPracticeServer *self,
                                                        const char       *call);
void              bv_practice_server_reset_log         (BvPracticeServer *self);
/* Called with each API request as it is logged (practice-server-tool
 * writes them to a file for shell tests). */
void              bv_practice_server_set_request_func  (BvPracticeServer     *self,
                                                        BvPracticeRequestFunc func,
                                                        gpointer              data);

/* The names of the slides the open room @meeting_id received with create,
 * in order; NULL if no such room is open. */
GStrv             bv_practice_server_dup_documents     (BvPracticeServer *self,
                                                        const char       *meeting_id);

/* For tests: answer checksumError to every algorithm not in @algorithms
 * (BV_PRACTICE_ALGORITHM bits ORed), like a server restricted with
 * supportedChecksumAlgorithms; 0 accepts all again. */
#define BV_PRACTICE_ALGORITHM(algorithm) (1u << (algorithm))
void              bv_practice_server_set_accepted_algorithms (BvPracticeServer *self,
                                                              guint             algorithms);

/* For tests: every API request is answered "503 Service Unavailable", as
 * by a server that is down behind its proxy, until set back. */
void              bv_practice_server_set_unavailable (BvPracticeServer *self,
                                                      gboolean          unavailable);

/* Holds every API answer back for delay_ms, like a server far away
 * (benchmarks). */
void              bv_practice_server_set_delay   (BvPracticeServer  *self,
                                                  guint              delay_ms);

G_END_DECLS

#endif /* BV_PRACTICE_SERVER_PRIVATE_H */
