import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { CreateUserRequest, User } from '@mekong-ioc/shared';
import { AgencyEntity } from '../agencies/agency.entity';
import { AuthException } from './auth.exception';
import { PasswordHasher } from './password-hasher.provider';
import { UserEntity } from './user.entity';

export const toUser = (entity: UserEntity): User => ({
  id: entity.id,
  username: entity.username,
  displayName: entity.displayName,
  role: entity.role,
  agencyId: entity.agencyId,
  active: entity.active,
  createdAt: entity.createdAt.toISOString(),
});

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(request: CreateUserRequest): Promise<User> {
    if (await this.users.existsBy({ username: request.username })) {
      throw new AuthException('USER_EXISTS', `A user named "${request.username}" already exists.`);
    }
    if (request.agencyId && !(await this.agencies.existsBy({ id: request.agencyId }))) {
      throw new AuthException('AGENCY_UNKNOWN', 'No agency has that id.');
    }
    const entity = await this.users.save(
      this.users.create({
        username: request.username,
        displayName: request.displayName,
        passwordHash: await this.hasher.hash(request.password),
        role: request.role,
        agencyId: request.agencyId,
        active: true,
      }),
    );
    return toUser(entity);
  }

  async list(): Promise<User[]> {
    return (await this.users.find({ order: { username: 'ASC' } })).map(toUser);
  }

  async findById(id: string): Promise<User | null> {
    const entity = await this.users.findOneBy({ id });
    return entity && toUser(entity);
  }
}
