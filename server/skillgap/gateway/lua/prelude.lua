-- Shared by the gateway's Lua filters: errors in the JSON shape of every other REST error (google.rpc.Status
-- with an ErrorInfo, as the server sends them), marked so that local_reply_config passes them on unchanged.
local DOMAIN = "__DOMAIN__"

local ESCAPES = {['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f", ["\n"] = "\\n", ["\r"] = "\\r",
  ["\t"] = "\\t"}

local function json_string(text)
  return '"' .. text:gsub('[%c"\\]', function(c)
    return ESCAPES[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local byte = string.byte

-- The length of the UTF-8 sequence starting with byte c (>= 0x80) at i, or 0 when it is not one: the transcoder
-- refuses those too (overlong forms, surrogates, beyond U+10FFFF), with a message that quotes the raw bytes.
local function utf8_length(s, i, c)
  local second = byte(s, i + 1) or 0
  local length = 0
  if c >= 0xC2 and c <= 0xDF then
    length = 2
  elseif c >= 0xE0 and c <= 0xEF then
    if not ((c == 0xE0 and second < 0xA0) or (c == 0xED and second > 0x9F)) then
      length = 3
    end
  elseif c >= 0xF0 and c <= 0xF4 then
    if not ((c == 0xF0 and second < 0x90) or (c == 0xF4 and second > 0x8F)) then
      length = 4
    end
  end
  for j = i + 1, i + length - 1 do
    local b = byte(s, j)
    if b == nil or b < 0x80 or b > 0xBF then
      return 0
    end
  end
  return length
end

-- What a client sent, fit to quote in a message: at most `limit` bytes, and valid UTF-8 (a byte that is not
-- becomes "?"), since the answer must stay valid JSON text for any client.
local function printable(text, limit)
  limit = limit or 64
  local cut = #text > limit
  if cut then
    text = text:sub(1, limit)
  end
  if not text:find("[\128-\255]") then
    return text .. (cut and "..." or "")
  end
  local out, i, n = {}, 1, #text
  while i <= n do
    local c = byte(text, i)
    local length = c < 0x80 and 1 or utf8_length(text, i, c)
    if length > 0 and i + length - 1 <= n then
      out[#out + 1] = text:sub(i, i + length - 1)
      i = i + length
    else
      out[#out + 1] = "?"
      i = i + 1
    end
  end
  return table.concat(out) .. (cut and "..." or "")
end

local function json_object(map)
  local keys = {}
  for key in pairs(map or {}) do
    keys[#keys + 1] = key
  end
  table.sort(keys)
  local parts = {}
  for _, key in ipairs(keys) do
    parts[#parts + 1] = json_string(key) .. ":" .. json_string(map[key])
  end
  return "{" .. table.concat(parts, ",") .. "}"
end

-- problem: {status, code, reason, message, metadata = {...}, violations = {{field, description}, ...}}
local function error_body(problem)
  local details = {'{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":' .. json_string(problem.reason)
    .. ',"domain":' .. json_string(DOMAIN) .. ',"metadata":' .. json_object(problem.metadata) .. "}"}
  if problem.violations ~= nil and #problem.violations > 0 then
    local items = {}
    for _, v in ipairs(problem.violations) do
      items[#items + 1] = '{"field":' .. json_string(v[1]) .. ',"description":' .. json_string(v[2])
        .. ',"reason":' .. json_string(problem.reason) .. "}"
    end
    details[#details + 1] = '{"@type":"type.googleapis.com/google.rpc.BadRequest","field_violations":['
      .. table.concat(items, ",") .. "]}"
  end
  return '{"code":' .. problem.code .. ',"message":' .. json_string(problem.message) .. ',"details":['
    .. table.concat(details, ",") .. "]}"
end

local function refuse(handle, problem)
  -- The mark tells local_reply_config that this body is complete (see _local_reply_config).
  handle:streamInfo():dynamicMetadata():set("__NAMESPACE__", "__KEY__", "1")
  handle:respond({[":status"] = tostring(problem.status or 400), ["content-type"] = "application/json"},
    error_body(problem))
end
