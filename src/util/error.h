#pragma once
// Expected failures (a missing file, invalid UTF-8, a malformed voice profile) travel
// as values so every stage can name the file, line or option at fault; main() maps
// them to a message and an exit code.

#include <string>
#include <utility>
#include <variant>

namespace dauys {

/// A failure a user can act on. `message` is complete and printable as is
/// ("texts/a.txt: line 3, byte 17: invalid UTF-8").
struct Error {
  std::string message;
};

/// A value or an Error.
template <typename T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : data_(std::move(value)) {}       // NOLINT: implicit by design
  Expected(Error error) : data_(std::move(error)) {}   // NOLINT: implicit by design

  bool ok() const { return std::holds_alternative<T>(data_); }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<T>(data_); }
  const T& value() const { return std::get<T>(data_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(data_); }

 private:
  std::variant<T, Error> data_;
};

/// Expected<void>: success, or an Error.
struct Status {
  Status() = default;
  Status(Error e) : error_(std::move(e)), failed_(true) {}  // NOLINT: implicit by design
  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return error_; }

 private:
  Error error_;
  bool failed_ = false;
};

}  // namespace dauys
