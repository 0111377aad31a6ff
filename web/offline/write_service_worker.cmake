# Writes SITE_DIR/sw.js from TEMPLATE: the cache version is a hash of every file of the built site
# (so each build gets its own cache) and the file list is what the service worker caches at
# install. Run after kubeplay_web links: cmake -DSITE_DIR=... -DTEMPLATE=... -P write_service_worker.cmake
file(GLOB files RELATIVE ${SITE_DIR} ${SITE_DIR}/*)
list(SORT files)
set(digests "")
set(list "'./'")
foreach(name ${files})
  if(name STREQUAL "sw.js" OR IS_DIRECTORY ${SITE_DIR}/${name})
    continue()
  endif()
  file(MD5 ${SITE_DIR}/${name} digest)
  string(APPEND digests "${name}:${digest}\n")
  string(APPEND list ", './${name}'")
endforeach()
string(MD5 version "${digests}")
string(SUBSTRING ${version} 0 12 KP_SITE_VERSION)
set(KP_SITE_FILES ${list})
configure_file(${TEMPLATE} ${SITE_DIR}/sw.js @ONLY)
