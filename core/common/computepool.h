#pragma once

class QThreadPool;

namespace runlens {

// The thread pool for RunLens's CPU-bound work: analysis, growing and scoring the forest,
// explanations. Not QThreadPool::globalInstance(): Qt 6.4's raster paint engine splits large fills
// into tasks on the global pool and waits for them on the GUI thread, so a long computation holding
// the global pool's threads stalls every repaint (found by tests/tst_responsiveness.cpp).
// As many threads as cores; created on first use, lives until the program ends.
QThreadPool* computePool();

} // namespace runlens
