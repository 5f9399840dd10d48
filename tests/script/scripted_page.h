// A parsed document with its script context and DOM binding, collecting
// the uncaught errors and console lines they report: the page as a
// renderer will hold it, for tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "renderer/script/dom_binding.h"
#include "renderer/script/html_parser.h"
#include "tests/script/test_engine.h"

namespace sandtab::script {

struct ScriptedPage {
  // A short watchdog: tests of runaway scripts need not wait 2 s.
  void Load(std::string_view html, std::chrono::milliseconds script_timeout = std::chrono::milliseconds(300)) {
    ParseDocument(html, document);
    ScriptLimits limits;
    limits.script_timeout = script_timeout;
    context = NewTestContext(limits);
    ASSERT_TRUE(context);
    context->SetUncaughtErrorHandler([this](const ScriptResult& result) { errors.push_back(result.error); });
    std::string error;
    dom = DomBinding::Create(
        *context, document, [this](const ConsoleLine& line) { console.push_back(line); }, &error);
    ASSERT_TRUE(dom) << error;
  }

  Document document;
  std::unique_ptr<ScriptContext> context;
  std::unique_ptr<DomBinding> dom;  // after context: destroyed first
  std::vector<std::string> errors;
  std::vector<ConsoleLine> console;
};

}  // namespace sandtab::script
