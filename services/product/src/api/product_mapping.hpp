#pragma once

#include "domain/new_product.hpp"
#include "domain/product.hpp"
#include "ecommerce/product/v1/product.pb.h"

// Between the wire (ecommerce.product.v1) and the domain; no rules are applied here.
namespace ecn::product::api {

domain::ProductInput to_input(const ecommerce::product::v1::AddProductRequest& request);

void to_proto(const domain::Product& product, ecommerce::product::v1::Product* out);

}  // namespace ecn::product::api
