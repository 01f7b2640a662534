# Use ccache when it is installed. CCACHE_BASEDIR at the source root makes cached objects
# independent of where the checkout lives, so a fresh clone in another folder hits the cache.
# No include_file_mtime/ctime sloppiness: ccache's check that no header changed during a compile
# is what keeps an object built from a half-edited header out of the cache.
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR} CCACHE_NOHASHDIR=true
      CCACHE_SLOPPINESS=pch_defines,time_macros
      ${CCACHE_PROGRAM})
endif()
