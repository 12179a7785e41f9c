#pragma once

#include "report/rungroups.h"

namespace runlens::ui {
// The grouping lives in the core (report/rungroups.h); charts and the window use it under this name.
using report::RunGroups;
} // namespace runlens::ui
