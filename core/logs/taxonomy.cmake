# Memory-failure taxonomy and run scanning (docs/taxonomy.md). Hyperscan is the anchor prefilter.
find_package(PkgConfig REQUIRED)
pkg_check_modules(HYPERSCAN REQUIRED IMPORTED_TARGET GLOBAL libhs)

target_sources(runlens_core PRIVATE
    memorycategory.h memorycategory.cpp
    memoryhit.h keywordhit.h
    taxonomy.h taxonomy.cpp
    naivekeywordfilter.h naivekeywordfilter.cpp
    runsource.h runsource.cpp
    runscanresult.h runscanresult.cpp
    runscanner.h runscanner.cpp
    finalcandidates.h finalcause.h finalcause.cpp)
target_link_libraries(runlens_core PRIVATE PkgConfig::HYPERSCAN)
