# One warning policy for every target of the project.
function(kp_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-unused-parameter)
  if(KP_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
