#pragma once

#include "report/detectorcurve.h"

namespace runlens::ui {
// The curves are computed in the core (report/detectorcurve.h); the evaluation charts draw them.
using report::DetectorCurve;
} // namespace runlens::ui
