#include "logging.h"

Q_LOGGING_CATEGORY(lcLogs, "runlens.logs", QtWarningMsg)
Q_LOGGING_CATEGORY(lcGithub, "runlens.github", QtWarningMsg)
Q_LOGGING_CATEGORY(lcWorkspace, "runlens.workspace", QtWarningMsg)
Q_LOGGING_CATEGORY(lcModel, "runlens.model", QtWarningMsg)
Q_LOGGING_CATEGORY(lcSample, "runlens.sample", QtWarningMsg)
