/* bv-bbb-version.c — being written */

#include "config.h"

#include "bv-bbb-version.h"
