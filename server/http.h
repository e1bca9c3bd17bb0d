// SPDX-License-Identifier: Apache-2.0
#pragma once
// Request and Response as handlers see them, without cpp-httplib in the header. A handler
// (routes.h) parses the request, calls storage / domain and renders a Response; it never writes
// to the socket and never sees another request's state.
//
//   ApiResult<Response> Hello(Request& req) {
//     return Response::Json(200, R"({"hello":")" + req.PathParam("name") + R"("})");
//   }
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/access/action.h"
#include "domain/access/authorize.h"

namespace httplib {
struct Request;
}

namespace highfence::server {

enum class AuthMethod { kNone, kSession, kToken };

// One file part of a multipart/form-data request, as sent: the file name is the client's and is
// untrusted (see resources: names with path separators or ".." are refused).
struct FormFile {
  std::string field;  // the form field name ("file")
  std::string filename;
  std::string content_type;
  std::string content;
};

// The authenticated caller, filled by the server before the handler runs.
struct Identity {
  AuthMethod method = AuthMethod::kNone;
  access::Principal principal;
  std::string username;
  std::string display_name;
  std::string credential_id;                 // session token hash or API token id (for logout / revoke)
  std::string csrf_token;                    // sessions only
  std::vector<access::Action> token_scopes;  // API tokens only
};

class Request {
 public:
  Request(const httplib::Request& raw, std::string request_id, std::string client_addr, bool secure);

  std::string_view method() const;
  std::string_view path() const;
  const std::string& body() const;
  // Header value, "" if absent. Names are case-insensitive.
  std::string header(std::string_view name) const;
  bool has_header(std::string_view name) const;
  // Query parameter value, nullopt if absent.
  std::optional<std::string> query(std::string_view name) const;
  // Every query parameter in the order sent (for rejecting unknown ones).
  std::vector<std::pair<std::string, std::string>> query_params() const;
  // multipart/form-data: the parts with a file name, and the plain fields by name.
  bool multipart() const;
  std::vector<FormFile> form_files() const;
  std::optional<std::string> form_field(std::string_view name) const;
  // Cookie value from the Cookie header, nullopt if absent.
  std::optional<std::string> cookie(std::string_view name) const;
  // The {name} segment of the route pattern; "" if the pattern has none by that name.
  const std::string& PathParam(std::string_view name) const;

  const std::string& request_id() const { return request_id_; }
  // The client's address: the peer, or the X-Forwarded-For client when the peer is a trusted proxy.
  const std::string& client_addr() const { return client_addr_; }
  // TLS here, or X-Forwarded-Proto: https from a trusted proxy.
  bool secure() const { return secure_; }

  const Identity& identity() const { return identity_; }
  bool authenticated() const { return identity_.method != AuthMethod::kNone; }

  // Set by the server.
  void set_identity(Identity identity) { identity_ = std::move(identity); }
  void set_path_params(std::map<std::string, std::string, std::less<>> params) { path_params_ = std::move(params); }

 private:
  const httplib::Request& raw_;
  std::string request_id_;
  std::string client_addr_;
  bool secure_ = false;
  Identity identity_;
  std::map<std::string, std::string, std::less<>> path_params_;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  static Response Json(int status, std::string body);
  static Response Text(int status, std::string content_type, std::string body);
  static Response NoContent();
  Response& Header(std::string name, std::string value);
};

}  // namespace highfence::server
