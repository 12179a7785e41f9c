#include "mainwindow.h"

#include "common/version.h"

#include <QLabel>

namespace runlens::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("RunLens %1").arg(QString::fromLatin1(kVersion)));
    setWindowIcon(QIcon(QStringLiteral(":/runlens/icons/runlens.svg")));
    auto* placeholder = new QLabel(tr("RunLens - open a workspace to begin."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    resize(1280, 800);
}

MainWindow::~MainWindow() = default;

} // namespace runlens::ui
