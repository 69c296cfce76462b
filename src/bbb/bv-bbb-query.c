/* bv-bbb-query.c — being written */

#include "config.h"

#include "bv-bbb-query.h"
