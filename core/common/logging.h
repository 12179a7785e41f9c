#pragma once

#include <QLoggingCategory>

// One category per subsystem; enable with QT_LOGGING_RULES="runlens.logs.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcLogs)
Q_DECLARE_LOGGING_CATEGORY(lcGithub)
Q_DECLARE_LOGGING_CATEGORY(lcWorkspace)
Q_DECLARE_LOGGING_CATEGORY(lcModel)
Q_DECLARE_LOGGING_CATEGORY(lcSample)
