#include "averagepathlength.h"

#include <cmath>

namespace runlens::model {

double averagePathLength(double n)
{
    constexpr double eulerGamma = 0.5772156649015329;
    if (n <= 1.0)
        return 0.0;
    if (n <= 2.0)
        return 1.0;
    return 2.0 * (std::log(n - 1.0) + eulerGamma) - 2.0 * (n - 1.0) / n;
}

} // namespace runlens::model
