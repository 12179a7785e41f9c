#include "demosession.h"

#include "fakegithub/fakecorpusdata.h"
#include "fakegithub/fakegithubserver.h"
#include "sample/samplecorpus.h"
#include "session/collectionrunner.h"
#include "workspace/workspace.h"

namespace runlens::session {

sample::SampleOptions DemoSession::defaultOptions()
{
    sample::SampleOptions options;
    options.seed = 7;
    options.repoCount = 4;
    options.runsPerRepo = 12;
    options.maxJobLines = 4000;
    return options;
}

DemoSession::DemoSession(sample::SampleOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_runner(new CollectionRunner(this))
{
    connect(m_runner, &CollectionRunner::progressChanged, this, &DemoSession::progressChanged);
    connect(m_runner, &CollectionRunner::failed, this, &DemoSession::failed);
    connect(m_runner, &CollectionRunner::finished, this, [this](const github::CollectSummary& summary) {
        if (!summary.canceled) {
            if (Status s = storeGroundTruth(); !s) {
                emit failed(s.error());
                return;
            }
        }
        emit collected(m_dir.path(), summary);
    });
}

DemoSession::~DemoSession()
{
    // The collection stops before the server it talks to.
    delete m_runner;
    if (m_server)
        m_server->stop();
}

void DemoSession::start()
{
    if (!m_dir.isValid()) {
        emit failed(tr("Cannot create a temporary workspace folder: %1").arg(m_dir.errorString()));
        return;
    }
    sample::FakeGitHubConfig config;
    config.faults.latencyMinMs = m_latencyMs;
    config.faults.latencyMaxMs = m_latencyMs;
    m_server = std::make_unique<sample::FakeGitHubServer>(sample::FakeCorpusData::build(m_options), config);
    if (Status started = m_server->start(); !started) {
        emit failed(tr("Cannot start the sample GitHub server: %1").arg(started.error()));
        return;
    }
    github::CollectOptions options;
    options.apiUrl = m_server->apiUrl();
    for (const sample::FakeRepo& repo : m_server->repos())
        options.repositories.append(repo.fullName());
    m_repositories = options.repositories;
    options.backoff.baseDelayMs = 5;
    options.backoff.maxDelayMs = 200;
    options.resetMarginMs = 200;
    m_runner->start(m_dir.path(), options, m_server->token().toUtf8()); // the fake server's own token
}

Status DemoSession::storeGroundTruth()
{
    // The corpus's metadata only (no log text): cheap to generate again from the same options.
    const sample::SampleCorpus corpus = sample::SampleCorpus::generate(m_options);
    workspace::Workspace ws;
    if (Status s = ws.open(m_dir.path()); !s)
        return s;
    for (const sample::SampleRun& run : corpus.runs()) {
        for (const sample::SampleAttempt& attempt : run.attempts) {
            const auto stored = ws.run(run.id, attempt.number);
            if (!stored || !stored->has_value())
                continue; // not collected (expired runs keep their record; others may be missing)
            const workspace::LabelRecord label { 0, run.id, attempt.number, sample::categoryId(attempt.category),
                workspace::LabelSource::Sample, tr("ground truth of the sample corpus") };
            if (Result<qint64> id = ws.addLabel(label); !id)
                return makeError(id.error());
        }
    }
    return {};
}

QUrl DemoSession::apiUrl() const
{
    return m_server ? m_server->apiUrl() : QUrl();
}

QByteArray DemoSession::token() const
{
    return m_server ? m_server->token().toUtf8() : QByteArray();
}

void DemoSession::cancel()
{
    m_runner->cancel();
}

} // namespace runlens::session
