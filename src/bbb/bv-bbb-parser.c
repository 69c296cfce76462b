/* bv-bbb-parser.c — being written */

#include "config.h"

#include "bv-bbb-parser.h"
