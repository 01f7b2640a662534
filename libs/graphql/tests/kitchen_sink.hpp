#pragma once

#include <string_view>

// Documents that use every construct of the grammar, shared by the parser and printer tests.
namespace ecn::graphql::testing {

inline constexpr std::string_view kExecutableKitchenSink = R"graphql(
# A comment that the parser ignores, with a BOM-free UTF-8 text: é
query OrderPage($id: ID!, $first: Int = 20, $statuses: [OrderStatus!] = [PAID, SHIPPED],
    $filter: OrderFilter = {since: "2024-01-01", tags: ["a", "b"], nested: {deep: [1, 2.5, null]}}
    @deprecated, $withUser: Boolean! = true) @live(interval: 5) {
  order(id: $id) {
    id,
    total: totalAmount(currency: EUR) @include(if: $withUser) { amount currencyCode }
    ... on DigitalOrder @skip(if: false) { downloadUrl }
    ... @include(if: $withUser) { user { ...UserFields } }
    ... { createdAt }
    items(first: $first, after: null, statuses: $statuses, filter: {price: {gte: -1.5e3, lt: 0}}) {
      edges { node { ...Item @defer(label: "item") } cursor }
    }
    note(text: "line\nbreak \"quoted\" \\ \u00e9 \uD83D\uDE00", block: """
      Block text
        indented
    """)
  }
}

mutation PlaceOrder($input: PlaceOrderInput!) {
  placeOrder(input: $input) { order { id status } errors { field message } }
}

subscription OnNotification($userId: ID!) @tag(name: "live") {
  notificationReceived(userId: $userId) { id title body }
}

query { viewer { id } }

query ($unnamed: Int) { field(arg: $unnamed) }

query WithDirectiveOnly @cached { field }

fragment UserFields on User @meta(key: "v") {
  id
  name
  avatar: profilePicture(size: 64)
}

fragment Item on OrderItem {
  product { id name price { amount currencyCode } }
  quantity
}

{
  unnamedShorthand(
    aVeryLongArgumentName: "with a long value that pushes the line over eighty columns",
    another: [1, 2, 3]
  )
  nonNullList: search(terms: [], where: {}) { __typename }
  on: on
  fragment: query
  true: false
}
)graphql";

inline constexpr std::string_view kSchemaKitchenSink = R"graphql(
"""
The shop's schema, described with a block string.
"""
schema @contact(name: "team") {
  query: Query
  mutation: Mutation
  subscription: Subscription
}

"A DateTime in RFC 3339, UTC, with milliseconds"
scalar DateTime @specifiedBy(url: "https://tools.ietf.org/html/rfc3339")

scalar JSON

"""
Anything with an id.
"""
interface Node {
  id: ID!
}

interface Entity implements Node & Timestamped @key(fields: "id") {
  id: ID!
  createdAt: DateTime!
}

interface Timestamped {
  createdAt: DateTime!
}

type User implements & Node & Entity & Timestamped @key(fields: "id") {
  "The user's id"
  id: ID!
  name: String
  email: String! @deprecated(reason: "Use `contact`.")
  orders(
    "How many, at most 100"
    first: Int = 20
    after: String
    statuses: [OrderStatus!] = [PAID]
  ): OrderConnection!
  preferences(filter: PreferencesFilter = {channels: [EMAIL, PUSH], quiet: {from: "22:00"}}): Preferences
  createdAt: DateTime!
}

type EmptyObject

union SearchResult = | User | Product | Order

union Lonely @tag(name: "x") = User

enum OrderStatus {
  "Just created"
  PENDING
  PAID @tag(name: "money")
  SHIPPED
  DELIVERED
  CANCELLED @deprecated
}

input PlaceOrderInput @oneOf {
  "What to buy"
  items: [OrderItemInput!]!
  note: String = "none" @deprecated(reason: "unused")
  coupon: String = null
}

input OrderItemInput {
  productId: ID!
  quantity: Int! = 1
}

"""
Marks a field as served from the cache.
"""
directive @cached(
  "Seconds to keep the value"
  ttl: Int = 60
  scope: CacheScope = PUBLIC
) repeatable on FIELD_DEFINITION | OBJECT

directive @live(interval: Int) on | QUERY | SUBSCRIPTION | FIELD | FRAGMENT_DEFINITION | FRAGMENT_SPREAD | INLINE_FRAGMENT | VARIABLE_DEFINITION | MUTATION

directive @everywhere on SCHEMA | SCALAR | OBJECT | FIELD_DEFINITION | ARGUMENT_DEFINITION | INTERFACE | UNION | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

extend schema @tag(name: "extended")

extend schema { subscription: Subscription }

extend scalar JSON @specifiedBy(url: "https://www.json.org")

extend type User implements Auditable

extend type User @tag(name: "user")

extend type User {
  loyaltyPoints: Int
}

extend interface Node @tag(name: "node")

extend interface Entity implements Auditable {
  updatedAt: DateTime
}

extend union SearchResult = Category

extend union Lonely @tag(name: "y")

extend enum OrderStatus { REFUNDED }

extend enum OrderStatus @tag(name: "status")

extend input OrderItemInput { giftWrap: Boolean = false }

extend input PlaceOrderInput @tag(name: "in")
)graphql";

}  // namespace ecn::graphql::testing
