/* bv-bbb-attendee.c — being written */

#include "config.h"

#include "bv-bbb-attendee.h"
