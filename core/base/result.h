#pragma once

#include "error.h"

#include <utility>
#include <variant>

namespace RagScope {

/// A value or a typed Error (std::expected is C++23; this is the small part we need).
template <typename T> class Result
{
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value))
    { }
    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error))
    { }

    bool ok() const { return m_data.index() == 0; }
    explicit operator bool() const { return ok(); }

    const T& value() const& { return std::get<0>(m_data); }
    T& value() & { return std::get<0>(m_data); }
    T&& value() && { return std::get<0>(std::move(m_data)); }
    const T& operator*() const& { return value(); }
    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

/// The result of an operation that yields nothing but may fail.
struct Done
{
};
using Status = Result<Done>;

inline Error makeError(ErrorKind kind, QString message)
{
    return Error { kind, std::move(message) };
}

} // namespace RagScope

#define RAGSCOPE_TRY(var, expr)                                                                              \
    auto var##_result = (expr);                                                                              \
    if (!var##_result.ok())                                                                                  \
        return var##_result.error();                                                                         \
    [[maybe_unused]] auto var = std::move(var##_result).value()
