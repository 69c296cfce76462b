/* bv-bbb-meeting.c — being written */

#include "config.h"

#include "bv-bbb-meeting.h"
