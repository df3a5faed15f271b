-- Requests checked against the API before the transcoder sees them. The transcoder drops JSON fields it does
-- not know (a misspelled "resumeid" silently did something else than asked) and its own errors are terse, so
-- this answers 400 naming the field and what it takes: unknown fields and query parameters, values of the wrong
-- type, enum names (listing the valid ones), malformed JSON (with line and column), a field given twice, two
-- fields of one oneof, and a path value the body or query contradicts. Either spelling of a field is accepted
-- (proto name or lowerCamelCase JSON name). What this does not know it leaves to the transcoder, and a bug here
-- lets the request through (logged) rather than refusing it.

local MESSAGES, ENUMS, RULES, COMPLETE = SCHEMA.messages, SCHEMA.enums, SCHEMA.rules, SCHEMA.complete
local MAX_DEPTH = 64

for _, message in pairs(MESSAGES) do
  message.by_name = {}
  local names = {}
  for _, field in ipairs(message.fields) do
    message.by_name[field.name] = field
    message.by_name[field.json] = field
    names[#names + 1] = field.name
    if field.repeated then
      field.element = {name = field.name, kind = field.kind, type = field.type}
    end
    if field.kind == "map" then
      field.value = {name = field.name, kind = field.value_kind, type = field.type}
    end
  end
  message.listed = #names > 0 and table.concat(names, ", ") or "none"
end
for _, enum in pairs(ENUMS) do
  enum.by_name = {}
  local names = {}
  for _, value in ipairs(enum.values) do
    enum.by_name[value[1]] = value[2]
    if value[2] ~= 0 then -- the zero value means "not set": sending it changes nothing
      names[#names + 1] = value[1]
    end
  end
  enum.listed = table.concat(names, ", ")
end

local RANGES = {int32 = {-2147483648, 2147483647}, uint32 = {0, 4294967295},
  int64 = {-9223372036854775808, 9223372036854775807}, uint64 = {0, 18446744073709551615}}
local WORDS = {string = "a string", bytes = "a string of base64", bool = "true or false", float = "a number",
  int32 = "a whole number from -2147483648 to 2147483647", uint32 = "a whole number from 0 to 4294967295",
  int64 = "a whole number (int64; as a number or a string of digits)",
  uint64 = "a whole number from 0 (uint64; as a number or a string of digits)"}
local TRUTHS = {["true"] = true, t = true, yes = true, y = true, ["1"] = true,
  ["false"] = true, f = true, no = true, n = true, ["0"] = true}

local function wanted(field)
  if field.kind == "enum" then
    return "one of " .. ENUMS[field.type].listed
  elseif field.kind == "message" then
    return "an object (a " .. MESSAGES[field.type].name .. ")"
  elseif field.kind == "map" then
    return "an object of names to values"
  end
  return WORDS[field.kind] or field.kind
end

local function problem(reason, message, metadata, violation)
  return {status = 400, code = 3, reason = reason, message = message, metadata = metadata,
    violations = violation and {violation} or nil}
end

local function fail(p)
  error(p, 0)
end

-- Edit distance, for "did you mean": names are short, and it only runs on a refusal.
local function distance(a, b)
  if math.abs(#a - #b) > 2 then
    return 99
  end
  local previous = {}
  for j = 0, #b do
    previous[j] = j
  end
  for i = 1, #a do
    local current = {[0] = i}
    for j = 1, #b do
      local cost = a:byte(i) == b:byte(j) and 0 or 1
      current[j] = math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
    end
    previous = current
  end
  return previous[#b]
end

local function squash(name)
  return (name:lower():gsub("[_%-%.]", ""))
end

local function closest(candidates, given)
  local best, best_distance = nil, 3
  local wanted_form = squash(given)
  for _, candidate in ipairs(candidates) do
    if squash(candidate) == wanted_form then
      return candidate
    end
    local d = distance(wanted_form, squash(candidate))
    if d < best_distance and #candidate > 3 then
      best, best_distance = candidate, d
    end
  end
  return best
end

local function field_names(message)
  local names = {}
  for _, field in ipairs(message.fields) do
    names[#names + 1] = field.name
  end
  return names
end

local function unknown_field(message, where, given, place, reason)
  local suggestion = closest(field_names(message), given)
  local text = place .. " has no field " .. json_string(printable(given)) .. " ("
    .. (suggestion and ("did you mean " .. json_string(suggestion) .. "? ") or "")
    .. message.name .. " has " .. message.listed .. ")"
  local metadata = {field = printable(where), message = message.name}
  if suggestion then
    metadata.suggestion = suggestion
  end
  return problem(reason or "UNKNOWN_FIELD", text, metadata, {printable(where), "unknown field"})
end

local function bad_enum(field, where, given, shown)
  local enum = ENUMS[field.type]
  local names = {}
  for _, value in ipairs(enum.values) do
    names[#names + 1] = value[1]
  end
  local suggestion = nil
  local upper = given:upper()
  for _, name in ipairs(names) do
    if name == upper or name:sub(-#upper - 1) == "_" .. upper then
      suggestion = name
    end
  end
  suggestion = suggestion or closest(names, given)
  local text = where .. ": " .. (shown or json_string(printable(given))) .. " is not a " .. enum.name .. "; use one of "
    .. enum.listed .. (suggestion and (" (did you mean " .. suggestion .. "?)") or "")
  local metadata = {field = where, value = printable(given), allowed = enum.listed}
  if suggestion then
    metadata.suggestion = suggestion
  end
  return problem("INVALID_ENUM_VALUE", text, metadata, {where, "must be one of " .. enum.listed})
end

local function wrong_value(field, where, shown)
  local text = where .. " must be " .. wanted(field) .. ", not " .. shown
  return problem("INVALID_FIELD_VALUE", text, {field = where, expected = wanted(field)},
    {where, "must be " .. wanted(field)})
end

local function is_whole(number, kind)
  local range = RANGES[kind]
  return number == math.floor(number) and number >= range[1] and number <= range[2]
end


-- What is wrong with base64 text as the transcoder decodes it (either alphabet, padding optional but whole,
-- white space ignored), or nil.
local function base64_problem(text)
  local bad = text:find("[^%w%+/=_%-%s]")
  if bad ~= nil then
    return "character " .. bad .. " is " .. json_string(printable(text:sub(bad, bad + 3), 1))
  end
  local data, padding = text:gsub("%s", ""):match("^([^=]*)(=*)$")
  if data == nil then
    return "= may only come at the end, as padding"
  end
  if #data % 4 == 1 or #padding > 2 or (#padding > 0 and (#data + #padding) % 4 ~= 0) then
    return "its length (" .. #data .. " characters and " .. #padding .. " of padding) is not one base64 has"
  end
  return nil
end

-- A value given as text (a JSON string, or a query parameter): what the transcoder would accept for its kind.
local function check_text(field, where, text, shown)
  local kind = field.kind
  if kind == "string" or kind == "any" then
    return
  elseif kind == "enum" then
    if ENUMS[field.type].by_name[text] == nil and not text:find("^%-?%d+$") then
      fail(bad_enum(field, where, text))
    end
  elseif kind == "bool" then
    if not TRUTHS[text:lower()] then
      fail(wrong_value(field, where, shown))
    end
  elseif RANGES[kind] then
    local number = text:find("^%-?%d+$") and tonumber(text)
    if not number or not is_whole(number, kind) then
      fail(wrong_value(field, where, shown))
    end
  elseif kind == "float" then
    if tonumber(text) == nil and text ~= "NaN" and text ~= "Infinity" and text ~= "-Infinity" then
      fail(wrong_value(field, where, shown))
    end
  elseif kind == "bytes" then
    local problem_text = base64_problem(text)
    if problem_text ~= nil then
      fail(problem("INVALID_FIELD_VALUE", where .. " must be base64 (A-Z, a-z, 0-9, +, / and =, or - and _): "
        .. problem_text, {field = where, expected = "base64"}, {where, "must be base64"}))
    end
  else -- message, map
    fail(wrong_value(field, where, shown))
  end
end

---------------------------------------------------------------------------------------------- the JSON body

local SIMPLE = {['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t"}
local ESCAPED = {}
for letter in pairs(SIMPLE) do
  ESCAPED[letter:byte()] = true
end
-- The characters of base64 (either alphabet), and the white space the transcoder skips in it.
local BASE64, SPACE = {}, {[32] = true, [9] = true, [10] = true, [13] = true}
for c in ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"):gmatch(".") do
  BASE64[c:byte()] = true
end

local function utf8(cp)
  if cp < 0x80 then
    return string.char(cp)
  elseif cp < 0x800 then
    return string.char(0xC0 + math.floor(cp / 64), 0x80 + cp % 64)
  elseif cp < 0x10000 then
    return string.char(0xE0 + math.floor(cp / 4096), 0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
  end
  return string.char(0xF0 + math.floor(cp / 262144), 0x80 + math.floor(cp / 4096) % 64,
    0x80 + math.floor(cp / 64) % 64, 0x80 + cp % 64)
end

-- The text of a JSON string's inside, whose escapes read_string has already checked.
local function unescape_json(raw)
  if not raw:find("\\", 1, true) then
    return raw
  end
  local out, i = {}, 1
  while true do
    local j = raw:find("\\", i, true)
    if j == nil then
      out[#out + 1] = raw:sub(i)
      return table.concat(out)
    end
    out[#out + 1] = raw:sub(i, j - 1)
    local e = raw:sub(j + 1, j + 1)
    if e == "u" then
      local cp = tonumber(raw:sub(j + 2, j + 5), 16)
      i = j + 6
      if cp >= 0xD800 and cp <= 0xDBFF then
        cp = 0x10000 + (cp - 0xD800) * 1024 + (tonumber(raw:sub(j + 8, j + 11), 16) - 0xDC00)
        i = j + 12
      end
      out[#out + 1] = utf8(cp)
    else
      out[#out + 1] = SIMPLE[e]
      i = j + 2
    end
  end
end

local function check_body(s, message, bound, label)
  local pos, n = 1, #s

  local function syntax(what, at)
    at = at or pos
    local before = s:sub(1, at - 1)
    local _, newlines = before:gsub("\n", "")
    local line_start = before:match(".*\n()") or 1
    local near = at <= n and (', near ' .. json_string(printable(s:sub(at, at + 15), 16))) or ""
    local text = "the request body is not valid JSON: " .. what .. " (line " .. (newlines + 1) .. ", column "
      .. (at - line_start + 1) .. near .. ")"
    fail(problem("MALFORMED_JSON", text, {line = tostring(newlines + 1), column = tostring(at - line_start + 1)}))
  end

  local function skip_space()
    pos = s:find("[^ \t\r\n]", pos) or n + 1
  end

  -- At an opening quote: checks the string and returns where its inside starts and ends. A loop over bytes,
  -- which LuaJIT compiles: a whole file in a string (base64) is scanned several times faster than by find().
  local function read_string()
    local start = pos + 1
    local i = start
    while true do
      local c = byte(s, i)
      if c == 34 then
        pos = i + 1
        return start, i - 1
      elseif c == 92 then
        local e = byte(s, i + 1)
        if e == 117 then -- \u
          local hex = s:match("^%x%x%x%x", i + 2)
          if hex == nil then
            syntax("\\u must be followed by four hexadecimal digits", i)
          end
          local cp = tonumber(hex, 16)
          if cp >= 0xDC00 and cp <= 0xDFFF then
            syntax("\\u" .. hex .. " is the second half of a surrogate pair without its first", i)
          elseif cp >= 0xD800 and cp <= 0xDBFF then
            if not s:find("^\\u[dD][c-fC-F]%x%x", i + 6) then
              syntax("\\u" .. hex .. " is the first half of a surrogate pair without its second", i)
            end
            i = i + 12
          else
            i = i + 6
          end
        elseif e ~= nil and ESCAPED[e] then
          i = i + 2
        else
          syntax("\\" .. (e and string.char(e) or "") .. " is not an escape JSON knows "
            .. "(\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)", i)
        end
      elseif c == nil then
        syntax("a string is never closed (a \" is missing)", start - 1)
      elseif c < 0x80 then
        i = i + 1
      else
        local length = utf8_length(s, i, c)
        if length == 0 then
          syntax(string.format("a string holds a byte 0x%02X that is not UTF-8 there (JSON text is UTF-8)", c), i)
        end
        i = i + length
      end
    end
  end

  local function read_number()
    local start = pos
    local i = pos
    if s:byte(i) == 45 then
      i = i + 1
    end
    local a, b = s:find("^%d+", i)
    if a == nil then
      syntax("a number needs a digit after its minus sign", i)
    end
    if b > a and s:byte(a) == 48 then
      syntax("a number may not start with 0 (no octal or leading zeros)", a)
    end
    i = b + 1
    if s:byte(i) == 46 then
      local c, d = s:find("^%d+", i + 1)
      if c == nil then
        syntax("a number needs digits after its decimal point", i)
      end
      i = d + 1
    end
    local e = s:byte(i)
    if e == 101 or e == 69 then
      local c, d = s:find("^[%-%+]?%d+", i + 1)
      if c == nil then
        syntax("a number needs digits in its exponent", i)
      end
      i = d + 1
    end
    pos = i
    return s:sub(start, i - 1)
  end

  local value -- forward: value(field, where, depth); field nil: any JSON, unchecked

  local function describe(c, at)
    if c == 34 then
      local a, b = at + 1, (s:find('"', at + 1, true) or n + 1) - 1
      return "the string " .. json_string(printable(unescape_json(s:sub(a, math.min(b, a + 80))), 40))
    elseif c == 123 then
      return "an object"
    elseif c == 91 then
      return "a list"
    end
    local word = s:match("^[%w%.%-%+]+", at) or ""
    return (word == "true" or word == "false") and word or ("the number " .. printable(word, 40))
  end

  local function object(message_schema, where, depth, top)
    if depth > MAX_DEPTH then
      syntax("objects and lists nest more than " .. MAX_DEPTH .. " levels deep")
    end
    pos = pos + 1
    local seen, chosen = {}, {}
    skip_space()
    if s:byte(pos) == 125 then
      pos = pos + 1
      return
    end
    while true do
      skip_space()
      if s:byte(pos) ~= 34 then
        syntax(pos > n and "the body ends inside an object (a } is missing)"
          or s:byte(pos) == 125 and "a comma before } (JSON allows no trailing comma)"
          or "a field name in double quotes was expected")
      end
      local a, b = read_string()
      local key = unescape_json(s:sub(a, b))
      skip_space()
      if s:byte(pos) ~= 58 then
        syntax((pos > n and "the body ends" or "a : was expected") .. " after the field name "
          .. json_string(printable(key)))
      end
      pos = pos + 1
      local field = nil
      local path = nil
      if message_schema ~= nil then
        field = message_schema.by_name[key]
        if field == nil then
          local place = where == "" and ("the body of " .. label) or where
          fail(unknown_field(message_schema, where == "" and key or (where .. "." .. key), key, place))
        end
        path = where == "" and field.name or (where .. "." .. field.name)
        if seen[field.name] ~= nil then
          local spellings = seen[field.name] == printable(key) and ""
            or (" (as " .. json_string(seen[field.name]) .. " and " .. json_string(printable(key)) .. ")")
          fail(problem("DUPLICATE_FIELD", path .. " is given twice" .. spellings .. "; give it once",
            {field = path}, {path, "given twice"}))
        end
        seen[field.name] = printable(key)
        skip_space()
        if field.oneof ~= "" and s:sub(pos, pos + 3) ~= "null" then
          local other = chosen[field.oneof]
          if other ~= nil then
            fail(problem("ONEOF_CONFLICT", path .. " and " .. other .. " are alternatives (" .. field.oneof
              .. "): give only one of them", {field = path, other = other, oneof = field.oneof},
              {path, "only one of " .. other .. " and " .. field.name .. " may be set"}))
          end
          chosen[field.oneof] = field.name
        end
      end
      local a, b = value(field, path or "", depth)
      local text = nil
      if top and field ~= nil and bound[field.name] ~= nil and a ~= nil then
        text = b and unescape_json(s:sub(a, b)) or a -- a string's range, or a number's text
      end
      if text ~= nil and text ~= bound[field.name] then
        fail(problem("PATH_FIELD_CONFLICT", field.name .. " is " .. json_string(printable(bound[field.name]))
          .. " in the path but " .. json_string(printable(text)) .. " in the body; leave it out of the body",
          {field = field.name}, {field.name, "differs from the path"}))
      end
      skip_space()
      local c = s:byte(pos)
      if c == 44 then
        pos = pos + 1
      elseif c == 125 then
        pos = pos + 1
        return
      elseif c == nil then
        syntax("the body ends inside an object (a } is missing)")
      else
        syntax("a , or } was expected after the value of " .. json_string(printable(path or key)))
      end
    end
  end

  local function list(field, where, depth)
    if depth > MAX_DEPTH then
      syntax("objects and lists nest more than " .. MAX_DEPTH .. " levels deep")
    end
    pos = pos + 1
    skip_space()
    if s:byte(pos) == 93 then
      pos = pos + 1
      return
    end
    local index = 0
    while true do
      skip_space()
      if field ~= nil and s:byte(pos) == 91 then
        fail(wrong_value(field, where .. "[" .. index .. "]", "a list (lists do not nest)"))
      end
      value(field, field and (where .. "[" .. index .. "]") or "", depth)
      index = index + 1
      skip_space()
      local c = s:byte(pos)
      if c == 44 then
        pos = pos + 1
        skip_space()
        if s:byte(pos) == 93 then
          syntax("a comma before ] (JSON allows no trailing comma)")
        end
      elseif c == 93 then
        pos = pos + 1
        return
      elseif c == nil then
        syntax("the body ends inside a list (a ] is missing)")
      else
        syntax("a , or ] was expected in the list" .. (field and (" " .. where) or ""))
      end
    end
  end

  local function map(field, where, depth)
    if depth > MAX_DEPTH then
      syntax("objects and lists nest more than " .. MAX_DEPTH .. " levels deep")
    end
    pos = pos + 1
    skip_space()
    if s:byte(pos) == 125 then
      pos = pos + 1
      return
    end
    while true do
      skip_space()
      if s:byte(pos) ~= 34 then
        syntax("a name in double quotes was expected")
      end
      local a, b = read_string()
      skip_space()
      if s:byte(pos) ~= 58 then
        syntax("a : was expected after a name")
      end
      pos = pos + 1
      value(field.value, where .. "[" .. json_string(printable(unescape_json(s:sub(a, b)), 32)) .. "]", depth)
      skip_space()
      local c = s:byte(pos)
      if c == 44 then
        pos = pos + 1
      elseif c == 125 then
        pos = pos + 1
        return
      else
        syntax("a , or } was expected")
      end
    end
  end

  -- Checks the value at pos against `field` (a field, a list element, or nil for anything). Returns where a
  -- string's inside starts and ends, or a number's text (for the comparison with the path).
  value = function(field, where, depth)
    skip_space()
    local c = s:byte(pos)
    local at = pos
    if c == nil then
      syntax("the body ends where a value should be")
    end
    local kind = field and field.kind or "any"
    if c == 123 then
      if kind == "message" and not field.repeated then
        return object(MESSAGES[field.type], where, depth + 1, false)
      elseif kind == "map" then
        return map(field, where, depth + 1)
      elseif kind ~= "any" then
        fail(wrong_value(field.element or field, where, "an object"))
      end
      return object(nil, "", depth + 1, false)
    elseif c == 91 then
      if field ~= nil and field.repeated then
        return list(field.element, where, depth + 1)
      elseif kind ~= "any" then
        fail(wrong_value(field, where, "a list"))
      end
      return list(nil, "", depth + 1)
    end
    -- A scalar; for a repeated field the transcoder takes one value as a list of one.
    local element = field and (field.element or field)
    if c == 34 then
      if element ~= nil and element.kind == "bytes" then
        -- The one kind whose strings get big (a whole file): scanned once where it lies, and only copied (to
        -- say what is wrong, or to read its escapes) when it is not plain base64.
        local i, spaces = pos + 1, 0
        while true do
          local c = byte(s, i)
          if BASE64[c] then
            i = i + 1
          elseif SPACE[c] then
            spaces = spaces + 1
            i = i + 1
          else
            break
          end
        end
        local data = i - pos - 1 - spaces
        local padding = 0
        while byte(s, i) == 61 or SPACE[byte(s, i)] do
          padding = padding + (byte(s, i) == 61 and 1 or 0)
          i = i + 1
        end
        if byte(s, i) == 34 and data % 4 ~= 1 and padding <= 2 and (padding == 0 or (data + padding) % 4 == 0) then
          pos = i + 1
          return nil
        end
        local a, b = read_string()
        check_text(element, where, unescape_json(s:sub(a, b)), describe(34, at))
        return nil
      end
      local a, b = read_string()
      if element == nil or element.kind == "any" then
        return nil
      end
      if element.kind == "string" then
        return a, b
      end
      check_text(element, where, unescape_json(s:sub(a, b)), describe(34, at))
      return a, b
    elseif c == 45 or (c >= 48 and c <= 57) then
      local text = read_number()
      local number = tonumber(text)
      if element == nil or element.kind == "any" or element.kind == "float" then
        return text
      elseif element.kind == "enum" then
        if number ~= math.floor(number) then
          fail(bad_enum(element, where, text, printable(text, 40)))
        end
      elseif RANGES[element.kind] then
        if not is_whole(number, element.kind) then
          fail(wrong_value(element, where, "the number " .. printable(text, 40)))
        end
      else
        fail(wrong_value(element, where, "the number " .. printable(text, 40)))
      end
      return text
    elseif s:find("^true", pos) or s:find("^false", pos) then
      local word = s:find("^true", pos) and "true" or "false"
      pos = pos + #word
      if element ~= nil and element.kind ~= "bool" and element.kind ~= "any" then
        fail(wrong_value(element, where, word))
      end
      return word
    elseif s:find("^null", pos) then
      pos = pos + 4
      return nil -- null is every field's default
    end
    if c == 39 then
      syntax("strings and names take double quotes, not single ones")
    end
    syntax("a value (an object, list, string, number, true, false or null) was expected")
  end

  skip_space()
  if pos > n then
    syntax("the body holds only whitespace; send a JSON object, or no body at all", 1)
  end
  if s:byte(pos) ~= 123 then
    local c = s:byte(pos)
    if c == 91 or c == 34 or c == 45 or (c >= 48 and c <= 57) or s:find("^true", pos) or s:find("^false", pos)
      or s:find("^null", pos) then
      fail(problem("MALFORMED_JSON", "the request body must be a JSON object (the fields of " .. message.name
        .. "), not " .. (s:find("^null", pos) and "null" or describe(c, pos)), {message = message.name}))
    end
    syntax("a JSON object was expected")
  end
  object(message, "", 1, true)
  skip_space()
  if pos <= n then
    syntax("there is more after the end of the JSON object")
  end
end

---------------------------------------------------------------------------------------- the path and query

local function unescape_url(text, plus)
  if plus then
    text = text:gsub("%+", " ")
  end
  return (text:gsub("%%(%x%x)", function(hex)
    return string.char(tonumber(hex, 16))
  end))
end

local function split(text, separator)
  local parts = {}
  for part in text:gmatch("[^" .. separator .. "]+") do
    parts[#parts + 1] = part
  end
  return parts
end

local function match(rule, segments)
  if #rule.segments ~= #segments then
    return nil
  end
  local bound = {}
  for i, segment in ipairs(rule.segments) do
    if segment.literal ~= nil then
      if segment.literal ~= segments[i] then
        return nil
      end
    elseif segment.var ~= nil then
      bound[segment.var] = unescape_url(segments[i], false)
    end
  end
  return bound
end

local function check_query(query, message, bound, label)
  for pair in query:gmatch("[^&]+") do
    local raw_name, equals, raw_value = pair:match("^([^=]*)(=?)(.*)$")
    local name = unescape_url(raw_name, true)
    local text = equals ~= "" and unescape_url(raw_value, true) or nil
    local current, path = message, {}
    local parts = split(name, ".")
    for i, part in ipairs(parts) do
      local field = current.by_name[part]
      if field == nil then
        local where = table.concat(path, ".")
        if where == "" then
          local suggestion = closest(field_names(current), part)
          local takes = #current.fields > 0 and ("it takes " .. current.listed) or "it takes none"
          fail(problem("UNKNOWN_QUERY_PARAMETER", label .. " has no query parameter " .. json_string(printable(name))
            .. " (" .. (suggestion and ("did you mean " .. suggestion .. "? ") or "") .. takes .. ")",
            {parameter = printable(name), suggestion = suggestion}, {printable(name), "unknown query parameter"}))
        end
        fail(unknown_field(current, where .. "." .. part, part,
          "query parameter " .. json_string(printable(name)) .. ": " .. where, "UNKNOWN_QUERY_PARAMETER"))
      end
      path[#path + 1] = field.name
      local where = table.concat(path, ".")
      if field.kind == "any" then
        break -- the transcoder reads its own forms (a Timestamp's text, ...)
      elseif i < #parts then
        if field.kind ~= "message" or field.repeated then
          fail(problem("UNKNOWN_QUERY_PARAMETER", "query parameter " .. json_string(printable(name)) .. ": "
            .. where .. " has no fields", {parameter = printable(name)}, {printable(name), "not a group of fields"}))
        end
        current = MESSAGES[field.type]
      elseif field.kind == "message" or field.kind == "map" then
        local first = field.kind == "message" and MESSAGES[field.type].fields[1]
        fail(problem("INVALID_QUERY_PARAMETER", "query parameter " .. json_string(printable(name))
          .. " names a group of fields: give each on its own"
          .. (first and (", such as " .. where .. "." .. first.name .. "=...") or ""),
          {parameter = printable(name)}, {where, "a group of fields"}))
      elseif text ~= nil then
        check_text(field, where, text, "the value " .. json_string(printable(text, 40)))
        if bound[where] ~= nil and text ~= bound[where] then
          fail(problem("PATH_FIELD_CONFLICT", where .. " is " .. json_string(printable(bound[where]))
            .. " in the path but " .. json_string(printable(text)) .. " in the query; leave it out of the query",
            {field = where}, {where, "differs from the path"}))
        end
      end
    end
  end
end

local function allowed_methods(segments, method)
  local methods, seen = {}, {}
  for _, rule in ipairs(RULES) do
    if rule.method ~= method and not seen[rule.method] and match(rule, segments) then
      seen[rule.method] = true
      methods[#methods + 1] = rule.method
    end
  end
  return methods
end

-- The rule a request is for (nil: the transcoder decides), after checking its path and query.
local function check_head(headers)
  if (headers:get("content-type") or ""):sub(1, 16) == "application/grpc" then
    return nil -- native gRPC: not transcoded
  end
  local method = headers:get(":method") or ""
  local path, query = (headers:get(":path") or "/"):match("^([^?]*)%??(.*)$")
  local segments = split(path, "/")
  for _, rule in ipairs(RULES) do
    if rule.method == method then
      local bound = match(rule, segments)
      if bound ~= nil then
        local label = rule.method .. " " .. rule.template
        check_query(query, MESSAGES[rule.message], bound, label)
        return rule, bound, label
      end
    end
  end
  local methods = allowed_methods(segments, method)
  if COMPLETE and #methods > 0 and method ~= "OPTIONS" and method ~= "HEAD" then
    local takes = table.concat(methods, ", ")
    fail({status = 404, code = 5, reason = "ROUTE_NOT_FOUND",
      message = "no REST endpoint " .. printable(method, 16) .. " " .. printable(path, 200) .. ": this path takes "
        .. takes,
      metadata = {method = printable(method, 16), path = printable(path, 200), allowed_methods = takes}})
  end
  return nil -- no such path: the transcoder answers 404, formatted by local_reply_config
end

local function settle(handle, ok, refusal)
  if ok then
    return true
  end
  if type(refusal) == "table" then
    refuse(handle, refusal)
  else
    -- A bug in this check must not stop valid requests: the transcoder still checks what it can.
    handle:logErr("request check failed, request let through: " .. tostring(refusal))
  end
  return false
end

function envoy_on_request(handle)
  local ok, rule, bound, label = pcall(check_head, handle:headers())
  if not settle(handle, ok, rule) or rule == nil then
    return
  end
  if rule.body ~= "*" and rule.body ~= "" then
    return -- the body is one field's value: left to the transcoder (no rule of the API does this today)
  end
  local body = handle:body() -- outside pcall: it waits for the body
  if body ~= nil and body:length() > 0 then
    settle(handle, pcall(check_body, body:getBytes(0, body:length()), MESSAGES[rule.message], bound, label))
  end
end
