@NullMarked
package com.northwind.shop.localstack;

import org.jspecify.annotations.NullMarked;
