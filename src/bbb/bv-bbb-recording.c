/* bv-bbb-recording.c — being written */

#include "config.h"

#include "bv-bbb-recording.h"
