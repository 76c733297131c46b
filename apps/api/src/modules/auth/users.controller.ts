import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { User } from '@mekong-ioc/shared';
import { Roles } from './decorators/access.decorators';
import { CreateUserRequestDto, UserDto } from './dto/auth.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: [UserDto] })
  list(): Promise<User[]> {
    return this.users.list();
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  create(@Body() body: CreateUserRequestDto): Promise<User> {
    return this.users.create(body);
  }
}
