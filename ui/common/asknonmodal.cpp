#include "asknonmodal.h"

#include <QMessageBox>
#include <QPushButton>

namespace runlens::ui {

// A question that does not block (a running collection, a test): `accept` runs when `action` is chosen.
QMessageBox* askNonModal(QWidget* parent, const QString& title, const QString& text, const QString& action,
    const std::function<void()>& accept)
{
    auto* box = new QMessageBox(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("OpenWorkspaceQuestion"));
    QPushButton* yes = box->addButton(action, QMessageBox::AcceptRole);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(box, &QMessageBox::finished, box, [box, yes, accept] {
        if (box->clickedButton() == yes)
            accept();
    });
    box->open();
    return box;
}

} // namespace runlens::ui
