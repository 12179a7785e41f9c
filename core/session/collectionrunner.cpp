#include "collectionrunner.h"

#include "github/collector.h"
#include "workspace/workspace.h"

namespace runlens::session {

CollectionRunner::CollectionRunner(QObject* parent)
    : QObject(parent)
{
    m_thread.setObjectName(QStringLiteral("runlens-collect"));
    m_context = new QObject;
    m_context->moveToThread(&m_thread);
    m_thread.start();
}

CollectionRunner::~CollectionRunner()
{
    // Delete the Collector (a child of the context) and then its Workspace on their own thread.
    QObject* context = m_context;
    QMetaObject::invokeMethod(
        context, [context] { delete context; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void CollectionRunner::start(
    const QString& workspaceDir, const github::CollectOptions& options, const QByteArray& token)
{
    if (m_running)
        return;
    m_running = true;
    QObject* context = m_context;
    QMetaObject::invokeMethod(context, [this, context, workspaceDir, options, token] {
        auto* ws = new workspace::Workspace;
        if (Status opened = ws->open(workspaceDir); !opened) {
            delete ws;
            QMetaObject::invokeMethod(this, [this, message = opened.error()] {
                m_running = false;
                emit failed(message);
            });
            return;
        }
        auto* collector = new github::Collector(*ws, options, token, context);
        // The Collector uses the workspace until its destructor has run.
        connect(collector, &QObject::destroyed, [ws] { delete ws; });
        connect(collector, &github::Collector::progressChanged, this, &CollectionRunner::progressChanged);
        connect(collector, &github::Collector::failureAdded, this, &CollectionRunner::failureAdded);
        connect(collector, &github::Collector::finished, collector,
            [this, collector](const github::CollectSummary& summary) {
                QMetaObject::invokeMethod(this, [this, summary] {
                    m_running = false;
                    emit finished(summary);
                });
                collector->deleteLater();
            });
        collector->start();
    });
}

void CollectionRunner::cancel()
{
    invokeOnCollector(&github::Collector::cancel);
}

void CollectionRunner::pause()
{
    invokeOnCollector(&github::Collector::pause);
}

void CollectionRunner::resume()
{
    invokeOnCollector(&github::Collector::resume);
}

void CollectionRunner::invokeOnCollector(void (github::Collector::*call)())
{
    QObject* context = m_context;
    QMetaObject::invokeMethod(context, [context, call] {
        if (auto* collector = context->findChild<github::Collector*>())
            (collector->*call)();
    });
}

} // namespace runlens::session
