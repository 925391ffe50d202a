/*
 * config.h: included first by every .c file of the project
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "meson-config.h"

#define _GNU_SOURCE 1
