#include "api/product_mapping.hpp"

namespace ecn::product::api {

domain::ProductInput to_input(const ecommerce::product::v1::AddProductRequest& request) {
  domain::ProductInput input;
  input.name = request.name();
  input.description = request.description();
  input.has_price = request.has_price();
  input.price_amount = request.price().amount();
  input.price_currency_code = request.price().currency_code();
  input.category = request.category();
  if (request.has_image_url()) input.image_url = request.image_url();
  return input;
}

void to_proto(const domain::Product& product, ecommerce::product::v1::Product* out) {
  out->set_id(product.id);
  out->set_name(product.name);
  out->set_description(product.description);
  out->mutable_price()->set_amount(domain::format_amount(product.price.minor_units));
  out->mutable_price()->set_currency_code(product.price.currency_code);
  out->set_category(product.category);
  if (product.image_url) out->set_image_url(*product.image_url);
  // Floor division keeps nanos in [0, 1e9) as Timestamp requires, even before 1970.
  auto seconds = product.created_at_us / 1'000'000;
  auto micros = product.created_at_us % 1'000'000;
  if (micros < 0) {
    micros += 1'000'000;
    seconds -= 1;
  }
  out->mutable_created_at()->set_seconds(seconds);
  out->mutable_created_at()->set_nanos(static_cast<std::int32_t>(micros * 1000));
}

}  // namespace ecn::product::api
