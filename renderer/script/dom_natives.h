// The natives the DOM's JavaScript half calls (dom_prelude.cc): small
// functions over the C++ tree, each taking the node wrapper first. Only the
// prelude reaches them (a closure argument); `this` is the natives object,
// whose slot points at the DomBinding.
#pragma once

#include <jsapi.h>

namespace sandtab::script {

extern const JSClass kDomNativesClass;
extern const JSFunctionSpec* const kDomNatives;

}  // namespace sandtab::script
