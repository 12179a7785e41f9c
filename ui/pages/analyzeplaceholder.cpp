#include "analyzeplaceholder.h"

#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace runlens::ui {

QWidget* createAnalyzePlaceholder(const QString& text, QWidget* parent, const std::function<void()>& analyze)
{
    auto* page = new QWidget(parent);
    page->setObjectName(QStringLiteral("AnalyzePlaceholder"));
    auto* label = new QLabel(text, page);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignCenter);
    auto* button = new QPushButton(QObject::tr("Analyze..."), page);
    button->setObjectName(QStringLiteral("AnalyzeButton"));
    QObject::connect(button, &QPushButton::clicked, page, analyze);
    auto* layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(label);
    layout->addWidget(button, 0, Qt::AlignHCenter);
    layout->addStretch(1);
    return page;
}

} // namespace runlens::ui
