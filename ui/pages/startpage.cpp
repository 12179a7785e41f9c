#include "startpage.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace runlens::ui {

StartPage::StartPage(const QList<QAction*>& actions, QWidget* parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("StartPage"));
    auto* title = new QLabel(tr("<h2>RunLens</h2>"
                                "<p>Find and explain unusual GitHub Actions build failures: collect runs into a "
                                "workspace, analyze them, and read the logs at their failure.</p>"),
        this);
    title->setWordWrap(true);
    title->setAlignment(Qt::AlignCenter);
    auto* column = new QVBoxLayout;
    column->addStretch(1);
    column->addWidget(title);
    for (QAction* action : actions) {
        auto* button = new QPushButton(QString(action->text()).remove(QLatin1Char('&')), this);
        button->setToolTip(action->statusTip());
        button->setEnabled(action->isEnabled());
        connect(action, &QAction::enabledChanged, button, &QWidget::setEnabled);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        column->addWidget(button);
        m_buttons.append(button);
    }
    column->addStretch(1);
    auto* layout = new QHBoxLayout(this); // centred
    layout->addStretch(1);
    layout->addLayout(column);
    layout->addStretch(1);
}

} // namespace runlens::ui
