/* bv-bbb-recording-format.c — being written */

#include "config.h"

#include "bv-bbb-recording-format.h"
