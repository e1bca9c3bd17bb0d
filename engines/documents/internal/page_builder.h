// SPDX-License-Identifier: Apache-2.0
#pragma once
// PageBuilder: accumulates a Document's UTF-8 text and cuts it into Pages that together cover
// the whole text (page N is [begin, end); the next page begins where it ends).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engines/documents/document.h"

namespace highfence::documents::internal {

class PageBuilder {
 public:
  void Append(std::string_view s) { text_.append(s); }
  void Append(char c) { text_.push_back(c); }
  const std::string& text() const { return text_; }
  // Replaces a trailing `from` (if any) with `to`, else appends `to`: "cell \t" → "cell\t".
  void ReplaceTrailing(char from, char to) {
    if (text_.size() > page_begin_ && text_.back() == from) text_.pop_back();
    text_.push_back(to);
  }
  // Bytes of text written since the current page began.
  std::string_view CurrentPage() const { return std::string_view(text_).substr(page_begin_); }
  // True if the current page holds something other than whitespace.
  bool CurrentPageHasText() const { return CurrentPage().find_first_not_of(" \t\r\n\f\v") != std::string_view::npos; }
  // Closes the current page (even if empty) and starts the next one.
  void EndPage() {
    pages_.push_back(Page{static_cast<int>(pages_.size()) + 1, page_begin_, text_.size()});
    page_begin_ = text_.size();
  }
  // Closes the last page (if it has any bytes, or if there is no page yet) and moves the
  // result into `doc`.
  void Finish(Document& doc) {
    if (text_.size() > page_begin_ || pages_.empty()) EndPage();
    doc.text = std::move(text_);
    doc.pages = std::move(pages_);
  }

 private:
  std::string text_;
  std::vector<Page> pages_;
  size_t page_begin_ = 0;
};

}  // namespace highfence::documents::internal
