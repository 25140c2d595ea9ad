package com.northwind.shop.gateway;

import com.northwind.shop.platform.test.RealInfrastructure;
import com.northwind.shop.platform.test.ServiceConventionsTests;
import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class GatewayServiceTests extends ServiceConventionsTests {}
