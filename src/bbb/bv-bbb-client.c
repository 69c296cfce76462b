/* bv-bbb-client.c — being written */

#include "config.h"

#include "bv-bbb-client.h"
